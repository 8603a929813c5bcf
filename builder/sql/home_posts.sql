-- The front page: each post that carries the site's schemes, with those schemes and its latest-year accounts.
-- params: none
-- A post carries a scheme when a post_ordninger row has an ordning_id in ordninger.
WITH bærer AS (
    SELECT p.kapittel, p.post, string_agg(o.navn, '; ' ORDER BY o.fra_aar, o.navn) AS ordninger
    FROM post_ordninger p
    JOIN ordninger o USING (ordning_id)
    GROUP BY p.kapittel, p.post
)
SELECT b.aar, b.kapittel, b.post, b.post_navn, x.ordninger, b.regnskap, b.status, b.kilde_id
FROM bevilgninger b
JOIN bærer x USING (kapittel, post)
WHERE b.regnskap IS NOT NULL
  AND b.aar = (SELECT max(c.aar) FROM bevilgninger c JOIN bærer y USING (kapittel, post) WHERE c.regnskap IS NOT NULL)
ORDER BY b.kapittel, b.post;
