-- Shortcode numbers: a total for a year (national or county, one scheme or all), last year's, and the change.
-- params: aar, fylke, ordning
WITH valgt AS (
    SELECT aar, sum(belop) AS belop, arg_max(status, statusrang) AS status
    FROM v_rammer
    WHERE ($ordning IS NULL OR ordning_id = $ordning) AND ($fylke IS NULL OR fylkesnummer = $fylke)
      AND aar IN ($aar, $aar - 1)
    GROUP BY aar
)
SELECT n.belop, n.status, f.belop AS forrige_belop,
       CASE WHEN f.belop > 0 THEN CAST((n.belop - f.belop) / f.belop AS DECIMAL(18, 6)) END AS endring,
       svakest(n.status, f.status) AS endring_status
FROM valgt n LEFT JOIN valgt f ON f.aar = n.aar - 1
WHERE n.aar = $aar
ORDER BY n.aar;
