-- Subscribes to the publisher's "shop" publication: copies the existing rows, then streams changes.
CREATE SUBSCRIPTION shop_sub
  CONNECTION 'host=publisher port=5432 dbname=app user=replicator password=logical-demo'
  PUBLICATION shop;
