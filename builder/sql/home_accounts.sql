-- The front page's headline: the latest year's accounts summed over the posts that carry the site's schemes.
-- params: none
-- A post carries a scheme when a post_ordninger row has an ordning_id in ordninger; the first other post listed
-- (226.22, the national videreutdanning scheme) is named separately and not counted.
WITH poster AS (
    SELECT DISTINCT kapittel, post FROM post_ordninger JOIN ordninger USING (ordning_id)
), andre AS (
    SELECT p.kapittel, p.post, min(p.omfatter) AS omfatter
    FROM post_ordninger p
    WHERE NOT EXISTS (SELECT 1 FROM poster q WHERE q.kapittel = p.kapittel AND q.post = p.post)
    GROUP BY p.kapittel, p.post
), rader AS (
    SELECT b.aar, b.kapittel, b.post, b.regnskap, b.avrunding, b.status, s.rang, b.kilde_id
    FROM bevilgninger b
    JOIN poster p USING (kapittel, post)
    JOIN v_status s USING (status)
    WHERE b.regnskap IS NOT NULL
), annen AS (
    SELECT kapittel AS annen_kapittel, ltrim(kapittel, '0') AS annen_kapittel_nr, post AS annen_post,
           omfatter AS annen_omfatter
    FROM andre ORDER BY kapittel, post LIMIT 1
)
SELECT aar, sum(regnskap) AS regnskap, count(*) AS poster, max(avrunding) AS avrunding,
       arg_max(status, rang) AS status, string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id,
       any_value(a.annen_kapittel) AS annen_kapittel, any_value(a.annen_kapittel_nr) AS annen_kapittel_nr,
       any_value(a.annen_post) AS annen_post, any_value(a.annen_omfatter) AS annen_omfatter
FROM rader
LEFT JOIN annen a ON true
WHERE aar = (SELECT max(aar) FROM rader)
GROUP BY aar
ORDER BY aar;
