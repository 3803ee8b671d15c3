-- The tables the publisher owns. Each has a primary key, so UPDATE and DELETE can be replicated.
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id),
  total numeric(12, 2) NOT NULL,
  placed_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO customers (name) VALUES ('Ada'), ('Grace'), ('Edsger');
INSERT INTO orders (customer_id, total) VALUES (1, 42.00), (2, 17.50), (3, 99.90);
