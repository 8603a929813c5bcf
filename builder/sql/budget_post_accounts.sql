-- What each post was booked as per year: the entities' own running costs (lønn, drift) and transfers, grouped in v_artskontoer.
-- params: none
-- per: kapittel, post
SELECT a.kapittel AS key_kapittel, a.post AS key_post, a.aar,
       coalesce(sum(a.belop) FILTER (WHERE a.gruppe = 'lonn'), 0) AS lonn,
       coalesce(sum(a.belop) FILTER (WHERE a.gruppe = 'drift'), 0) AS drift,
       coalesce(sum(a.belop) FILTER (WHERE a.gruppe IN ('lonn', 'drift')), 0) AS egne,
       coalesce(sum(a.belop) FILTER (WHERE a.gruppe = 'overforing'), 0) AS overforing,
       sum(a.belop) AS belop, count(*) AS artskontoer, arg_max(a.status, s.rang) AS status,
       string_agg(DISTINCT a.kilde_id, ',' ORDER BY a.kilde_id) AS kilde_id
FROM v_artskontoer a
JOIN v_status s USING (status)
GROUP BY a.kapittel, a.post, a.aar
ORDER BY a.aar;
