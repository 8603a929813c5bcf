-- Every budget year with a national total or a county frame: the published national totals and what is known.
-- params: none
WITH aar AS (
    SELECT aar FROM nasjonale_rammer UNION SELECT aar FROM v_rammer
), nasjonalt AS (
    SELECT n.aar, sum(n.belop) AS belop, arg_max(n.status, s.rang) AS status, count(*) AS ordninger,
           string_agg(DISTINCT n.kilde_id, ',' ORDER BY n.kilde_id) AS kilde_id
    FROM nasjonale_rammer n JOIN v_status s USING (status)
    GROUP BY n.aar
), fylker AS (
    SELECT aar, count(DISTINCT ordning_id) AS ordninger_fylker FROM v_rammer GROUP BY aar
)
SELECT a.aar, n.belop, n.status, n.kilde_id, coalesce(n.ordninger, 0) AS ordninger,
       coalesce(f.ordninger_fylker, 0) AS ordninger_fylker
FROM aar a
LEFT JOIN nasjonalt n USING (aar)
LEFT JOIN fylker f USING (aar)
ORDER BY a.aar;
