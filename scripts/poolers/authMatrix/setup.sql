SET password_encryption = 'md5';
CREATE ROLE smd5_trust LOGIN PASSWORD 'pw'; CREATE ROLE smd5_md5 LOGIN PASSWORD 'pw'; CREATE ROLE smd5_scram LOGIN PASSWORD 'pw'; CREATE ROLE smd5_password LOGIN PASSWORD 'pw';
SET password_encryption = 'scram-sha-256';
CREATE ROLE sscram_trust LOGIN PASSWORD 'pw'; CREATE ROLE sscram_md5 LOGIN PASSWORD 'pw'; CREATE ROLE sscram_scram LOGIN PASSWORD 'pw'; CREATE ROLE sscram_password LOGIN PASSWORD 'pw';
CREATE ROLE pgb_auth LOGIN SUPERUSER PASSWORD 'pw';
CREATE ROLE scramdummy LOGIN PASSWORD 'pw';
