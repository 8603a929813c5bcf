-- Each of today's counties: each scheme's frames in all years carried into today's borders (method on /om/#sammenlignbar).
-- params: none
-- per: fylke
-- One row per year and scheme: different schemes are never added up, so a year compares only with the same scheme.
SELECT m.dagens_fylkesnummer AS key_fylke, r.aar, r.ordning_id, any_value(r.ordning) AS ordning, any_value(r.kortnavn) AS kortnavn,
       CAST(sum(r.belop * m.andel) AS DECIMAL(18, 0)) AS belop,
       CASE WHEN bool_and(m.fylkesnummer = m.dagens_fylkesnummer) THEN arg_max(r.status, r.statusrang)
            WHEN max(r.statusrang) = 2 THEN 'eksempel' ELSE 'beregnet' END AS status,
       string_agg(DISTINCT r.fylkesnummer, ', ' ORDER BY r.fylkesnummer) AS fra_fylker,
       string_agg(DISTINCT r.kilde_id, ',' ORDER BY r.kilde_id) AS kilde_id  -- every source carried in, named
FROM v_rammer r
JOIN v_fylke_til_dagens m ON m.fylkesnummer = r.fylkesnummer
WHERE m.andel > 0
GROUP BY m.dagens_fylkesnummer, r.aar, r.ordning_id
ORDER BY r.aar, ordning;
