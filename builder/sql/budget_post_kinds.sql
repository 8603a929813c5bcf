-- Who booked each post each year, by kind of entity: Udir, KD, the statsforvaltere, others, the «Øvrige» remainder.
-- params: none
-- per: kapittel, post
SELECT b.kapittel AS key_kapittel, b.post AS key_post, b.aar, b.virksomhetstype,
       CASE b.virksomhetstype WHEN 'udir' THEN 1 WHEN 'kd' THEN 2 WHEN 'statsforvalter' THEN 3
            WHEN 'annen' THEN 4 ELSE 5 END AS rekkefolge,
       count(*) AS virksomheter, sum(b.belop) AS belop, arg_max(b.status, s.rang) AS status,
       string_agg(DISTINCT b.kilde_id, ',' ORDER BY b.kilde_id) AS kilde_id
FROM v_bokforinger b
JOIN v_status s USING (status)
GROUP BY b.kapittel, b.post, b.aar, b.virksomhetstype
ORDER BY b.aar, rekkefolge;
