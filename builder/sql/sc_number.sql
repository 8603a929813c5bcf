-- Shortcode numbers: a national or county total for a year, optionally one scheme, with last year's total.
-- params: aar, fylke, ordning
WITH valgt AS (
    SELECT aar, sum(belop) AS belop, arg_max(status, statusrang) AS status
    FROM v_rammer
    WHERE ($ordning IS NULL OR ordning_id = $ordning) AND ($fylke IS NULL OR fylkesnummer = $fylke)
      AND aar IN ($aar, $aar - 1)
    GROUP BY aar
)
SELECT n.belop, n.status, f.belop AS forrige_belop,
       CASE WHEN f.belop > 0 THEN CAST((n.belop - f.belop) / f.belop AS DECIMAL(18, 6)) END AS endring
FROM valgt n LEFT JOIN valgt f ON f.aar = n.aar - 1
WHERE n.aar = $aar
ORDER BY n.aar;
