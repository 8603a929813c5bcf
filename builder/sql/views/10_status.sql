-- Rank of each data status, so an aggregate carries its weakest part (offisiell < beregnet < eksempel).
CREATE VIEW v_status AS
SELECT * FROM (VALUES ('offisiell', 0), ('beregnet', 1), ('eksempel', 2)) AS t(status, rang);
