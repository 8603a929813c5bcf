-- Shortcode figures and tables: one scheme's (or all schemes') frame per county in a year.
-- params: aar, ordning
SELECT fylkesnummer, fylke, sum(belop) AS belop, arg_max(status, statusrang) AS status,
       string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
FROM v_rammer
WHERE aar = $aar AND ($ordning IS NULL OR ordning_id = $ordning)
GROUP BY fylkesnummer, fylke
ORDER BY fylkesnummer;
