-- Demo data for `support-worker seed-demo`: bilingual customers, products in the policy's
-- categories, and orders in every status. Times are relative to now(), so the policy windows
-- hold whenever the demo runs. Safe to run again: it replaces the demo rows.

BEGIN;

DELETE FROM outbox WHERE message_id IN (SELECT message_id FROM inbox WHERE customer_id LIKE 'demo-%' OR customer_id LIKE 'load-%');
DELETE FROM inbox WHERE customer_id LIKE 'demo-%' OR customer_id LIKE 'load-%';
DELETE FROM turns WHERE conversation_id IN (SELECT id FROM conversations WHERE customer_id LIKE 'demo-%' OR customer_id LIKE 'load-%');
DELETE FROM conversations WHERE customer_id LIKE 'demo-%' OR customer_id LIKE 'load-%';
DELETE FROM refunds WHERE customer_id LIKE 'demo-%' OR customer_id LIKE 'load-%';
DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE customer_id LIKE 'demo-%' OR customer_id LIKE 'load-%');
DELETE FROM orders WHERE customer_id LIKE 'demo-%' OR customer_id LIKE 'load-%';
DELETE FROM customers WHERE id LIKE 'demo-%' OR id LIKE 'load-%';
DELETE FROM product_variants WHERE sku LIKE 'DEMO-%';
DELETE FROM products WHERE sku LIKE 'DEMO-%';

INSERT INTO customers (id, display_name, tier, fraud_flag, phone, email, preferred_language) VALUES
    ('demo-wang',  '王芳',        'regular', false, '13800138001', 'wang.fang@example.cn', 'zh'),
    ('demo-emily', 'Emily Carter', 'regular', false, '+1 415 555 0134', 'emily@example.com', 'en'),
    ('demo-li',    '李雷',        'vip',     false, '13900139002', 'li.lei@example.cn', 'zh'),
    ('demo-john',  'John Miller',  'regular', false, '+1 212 555 0199', 'john@example.com', 'en'),
    ('demo-zhao',  '赵敏',        'regular', true,  '13700137003', NULL, 'zh');

INSERT INTO products (sku, name_zh, name_en, category, current_price_minor, currency) VALUES
    ('DEMO-DOWN',    '羽绒服',       'down jacket',          'apparel',          35900, 'CNY'),
    ('DEMO-EARBUDS', '无线耳机',     'wireless earbuds',     'electronics',      59900, 'CNY'),
    ('DEMO-KETTLE',  '电热水壶',     'electric kettle',      'appliances',       12900, 'CNY'),
    ('DEMO-LIPSTICK','口红',         'lipstick',             'cosmetics',        19900, 'CNY'),
    ('DEMO-CAKE',    '鲜花蛋糕',     'fresh flower cake',    'fresh_perishable', 16800, 'CNY'),
    ('DEMO-BOOK',    '三体',         'The Three-Body Problem','books',            9900, 'CNY'),
    ('DEMO-PHONE',   '折叠屏手机',   'foldable phone',       'electronics',     899900, 'CNY'),
    ('DEMO-SHOES',   'running shoes','running shoes',        'shoes',             8999, 'USD'),
    ('DEMO-REMOTE',  'TV remote',    'TV remote',            'electronics',       1999, 'USD'),
    ('DEMO-BLOCKS',  'building blocks','building blocks',    'toys',              5999, 'USD'),
    ('DEMO-TSHIRT',  '定制T恤',      'custom T-shirt',       'custom_made',       8900, 'CNY');

INSERT INTO product_variants (variant_sku, sku, label_zh, label_en, stock) VALUES
    ('DEMO-DOWN-M',  'DEMO-DOWN',  'M', 'M', 5),
    ('DEMO-DOWN-L',  'DEMO-DOWN',  'L', 'L', 3),
    ('DEMO-DOWN-XL', 'DEMO-DOWN',  'XL', 'XL', 0),
    ('DEMO-SHOES-42','DEMO-SHOES', '42', '42', 4),
    ('DEMO-SHOES-43','DEMO-SHOES', '43', '43', 2),
    ('DEMO-SHOES-44','DEMO-SHOES', '44', '44', 0);

INSERT INTO orders (id, customer_id, status, currency, paid_at, shipped_at, delivered_at, delivered_at_precision,
                    promised_delivery_by, carrier, tracking_number, carrier_status, shipping_fee_minor,
                    return_shipping_insurance, shipping_address, created_at) VALUES
    -- 王芳: a jacket delivered 3 days ago (no-reason return, insured), earbuds delivered 11 days ago
    -- (defect → exchange), a parcel on its way, a lipstick past the window, a fresh cake.
    ('202611150001', 'demo-wang', 'delivered', 'CNY', now() - interval '6 days', now() - interval '5 days',
        now() - interval '3 days', 'instant', now() - interval '3 days', 'SF', 'SF1400012345678', 'delivered', 0, true,
        '上海市浦东新区世纪大道88号', now() - interval '6 days'),
    ('202611100002', 'demo-wang', 'delivered', 'CNY', now() - interval '14 days', now() - interval '13 days',
        now() - interval '11 days', 'instant', now() - interval '11 days', 'JD', 'JD0098765432101', 'delivered', 0, false,
        '上海市浦东新区世纪大道88号', now() - interval '14 days'),
    ('202611270003', 'demo-wang', 'shipped', 'CNY', now() - interval '2 days', now() - interval '1 day',
        NULL, 'instant', now() + interval '1 day', 'YTO', 'YT7712345678901', 'in_transit', 1000, false,
        '上海市浦东新区世纪大道88号', now() - interval '2 days'),
    ('202610200004', 'demo-wang', 'completed', 'CNY', now() - interval '40 days', now() - interval '39 days',
        now() - interval '37 days', 'instant', now() - interval '37 days', 'SF', 'SF1400098765432', 'delivered', 0, false,
        '上海市浦东新区世纪大道88号', now() - interval '40 days'),
    ('202611290005', 'demo-wang', 'delivered', 'CNY', now() - interval '2 days', now() - interval '2 days',
        date_trunc('day', now() - interval '1 day'), 'date', now() - interval '1 day', 'SF', 'SF1400055555555', 'delivered',
        0, false, '上海市浦东新区世纪大道88号', now() - interval '2 days'),
    -- Emily (USD): an order not shipped yet (cancel), a parcel 6 days late (not received), new running
    -- shoes (size exchange), an unpaid order.
    ('202611280006', 'demo-emily', 'paid', 'USD', now() - interval '1 day', NULL, NULL, 'instant',
        now() + interval '4 days', NULL, NULL, NULL, 599, false, '221 Baker Street, London', now() - interval '1 day'),
    ('202611120007', 'demo-emily', 'shipped', 'USD', now() - interval '18 days', now() - interval '17 days',
        NULL, 'instant', now() - interval '6 days', 'UPS', '1Z999AA10123456784', 'in_transit', 799, false,
        '221 Baker Street, London', now() - interval '18 days'),
    ('202611260008', 'demo-emily', 'delivered', 'USD', now() - interval '5 days', now() - interval '4 days',
        now() - interval '1 day', 'instant', now() - interval '1 day', 'UPS', '1Z999AA10123456791', 'delivered', 0, false,
        '221 Baker Street, London', now() - interval '5 days'),
    ('202611300009', 'demo-emily', 'pending_payment', 'USD', NULL, NULL, NULL, 'instant', NULL, NULL, NULL, NULL, 0,
        false, '221 Baker Street, London', now() - interval '2 hours'),
    -- 李雷 (VIP): a kettle delivered 2 days ago, an expensive phone delivered 2 days ago.
    ('202611270010', 'demo-li', 'delivered', 'CNY', now() - interval '5 days', now() - interval '4 days',
        now() - interval '2 days', 'instant', now() - interval '2 days', 'SF', 'SF1400077777777', 'delivered', 0, false,
        '北京市海淀区中关村大街27号', now() - interval '5 days'),
    ('202611270011', 'demo-li', 'delivered', 'CNY', now() - interval '5 days', now() - interval '4 days',
        now() - interval '2 days', 'instant', now() - interval '2 days', 'SF', 'SF1400088888888', 'delivered', 0, false,
        '北京市海淀区中关村大街27号', now() - interval '5 days'),
    -- John: toys delivered 4 days ago; three refunds in the last 90 days (frequency limit).
    ('202611250012', 'demo-john', 'delivered', 'USD', now() - interval '7 days', now() - interval '6 days',
        now() - interval '4 days', 'instant', now() - interval '4 days', 'FedEx', '771234567890', 'delivered', 0, false,
        '350 Fifth Avenue, New York', now() - interval '7 days'),
    ('202609010013', 'demo-john', 'completed', 'USD', now() - interval '80 days', now() - interval '79 days',
        now() - interval '77 days', 'instant', now() - interval '77 days', 'FedEx', '771234567000', 'delivered', 0, false,
        '350 Fifth Avenue, New York', now() - interval '80 days'),
    -- 赵敏 (fraud flag): a book delivered yesterday.
    ('202611290014', 'demo-zhao', 'delivered', 'CNY', now() - interval '3 days', now() - interval '2 days',
        now() - interval '1 day', 'instant', now() - interval '1 day', 'ZTO', 'ZT5566778899001', 'delivered', 0, false,
        '广州市天河区天河路385号', now() - interval '3 days'),
    -- 王芳: a custom T-shirt paid 3 days ago, price dropped since (price protection on the jacket too).
    ('202611280015', 'demo-wang', 'delivered', 'CNY', now() - interval '3 days', now() - interval '2 days',
        now() - interval '1 day', 'instant', now() - interval '1 day', 'SF', 'SF1400066666666', 'delivered', 0, false,
        '上海市浦东新区世纪大道88号', now() - interval '3 days');

INSERT INTO order_lines (order_id, line_no, sku, product_name, category, quantity, unit_price_paid_minor,
                         refunded_minor, no_reason_return_excluded_confirmed, promotion) VALUES
    ('202611150001', 1, 'DEMO-DOWN',     '羽绒服',          'apparel',          1, 39900, 0, false, NULL),
    ('202611100002', 1, 'DEMO-EARBUDS',  '无线耳机',        'electronics',      1, 59900, 0, false, NULL),
    ('202611270003', 1, 'DEMO-BOOK',     '三体',            'books',            2,  9900, 0, false, NULL),
    ('202610200004', 1, 'DEMO-LIPSTICK', '口红',            'cosmetics',        1, 19900, 0, false, NULL),
    ('202611290005', 1, 'DEMO-CAKE',     '鲜花蛋糕',        'fresh_perishable', 1, 16800, 0, false, NULL),
    ('202611280006', 1, 'DEMO-REMOTE',   'TV remote',       'electronics',      1,  1999, 0, false, NULL),
    ('202611280006', 2, 'DEMO-BLOCKS',   'building blocks', 'toys',             1,  5999, 0, false, NULL),
    ('202611120007', 1, 'DEMO-REMOTE',   'TV remote',       'electronics',      2,  1999, 0, false, NULL),
    ('202611260008', 1, 'DEMO-SHOES',    'running shoes',   'shoes',            1,  8999, 0, false, NULL),
    ('202611300009', 1, 'DEMO-BLOCKS',   'building blocks', 'toys',             1,  5999, 0, false, NULL),
    ('202611270010', 1, 'DEMO-KETTLE',   '电热水壶',        'appliances',       1, 12900, 0, false, NULL),
    ('202611270011', 1, 'DEMO-PHONE',    '折叠屏手机',      'electronics',      1, 899900, 0, false, NULL),
    ('202611250012', 1, 'DEMO-BLOCKS',   'building blocks', 'toys',             1,  5999, 0, false, NULL),
    ('202609010013', 1, 'DEMO-REMOTE',   'TV remote',       'electronics',      3,  1999, 5997, false, NULL),
    ('202611290014', 1, 'DEMO-BOOK',     '三体',            'books',            1,  9900, 0, false, NULL),
    ('202611280015', 1, 'DEMO-TSHIRT',   '定制T恤',         'custom_made',      1,  8900, 0, false, NULL),
    ('202611280015', 2, 'DEMO-DOWN',     '羽绒服',          'apparel',          1, 39900, 0, false, NULL);

-- John's three recent refunds (the frequency limit counts them).
INSERT INTO refunds (id, message_id, order_id, customer_id, outcome, amount_minor, currency, line_nos, status,
                     reason_codes, policy_version, created_at) VALUES
    ('00000000-0000-4000-8000-000000000001', NULL, '202609010013', 'demo-john', 'approve_refund_only', 1999, 'USD', '{1}',
        'completed', '{}', 'seed', now() - interval '70 days'),
    ('00000000-0000-4000-8000-000000000002', NULL, '202609010013', 'demo-john', 'approve_refund_only', 1999, 'USD', '{1}',
        'completed', '{}', 'seed', now() - interval '50 days'),
    ('00000000-0000-4000-8000-000000000003', NULL, '202609010013', 'demo-john', 'approve_refund_only', 1999, 'USD', '{1}',
        'completed', '{}', 'seed', now() - interval '20 days');

-- Customers for `support-worker loadgen`: load-0000 … load-1999, each with a jacket delivered
-- four days ago (orders 3xxxxxxxxxxx) and books on their way (orders 4xxxxxxxxxxx), so load
-- traffic spreads over many customers as real traffic does.
INSERT INTO customers (id, display_name, tier, preferred_language)
SELECT 'load-' || lpad(g::text, 4, '0'), 'Load customer ' || g, 'regular', CASE WHEN g % 2 = 0 THEN 'zh' ELSE 'en' END
FROM generate_series(0, 1999) AS g;

INSERT INTO orders (id, customer_id, status, currency, paid_at, shipped_at, delivered_at, promised_delivery_by, carrier,
                    tracking_number, carrier_status, created_at)
SELECT '3' || lpad(g::text, 11, '0'), 'load-' || lpad(g::text, 4, '0'), 'delivered', 'CNY', now() - interval '7 days',
       now() - interval '6 days', now() - interval '4 days', now() - interval '4 days', 'SF',
       'SF3' || lpad(g::text, 12, '0'), 'delivered', now() - interval '7 days'
FROM generate_series(0, 1999) AS g
UNION ALL
SELECT '4' || lpad(g::text, 11, '0'), 'load-' || lpad(g::text, 4, '0'), 'shipped', 'CNY', now() - interval '2 days',
       now() - interval '1 day', NULL, now() + interval '2 days', 'YTO', 'YT4' || lpad(g::text, 12, '0'), 'in_transit',
       now() - interval '2 days'
FROM generate_series(0, 1999) AS g;

INSERT INTO order_lines (order_id, line_no, sku, product_name, category, quantity, unit_price_paid_minor)
SELECT '3' || lpad(g::text, 11, '0'), 1, 'DEMO-DOWN', '羽绒服', 'apparel', 1, 39900 FROM generate_series(0, 1999) AS g
UNION ALL
SELECT '4' || lpad(g::text, 11, '0'), 1, 'DEMO-BOOK', '三体', 'books', 2, 9900 FROM generate_series(0, 1999) AS g;

COMMIT;
