-- The front page: each post that carries schemes, with what it carries and its accounts in the latest accounts year.
-- params: none
WITH bærer AS (
    SELECT p.kapittel, p.post,
           string_agg(coalesce(o.kortnavn, p.omfatter), '; ' ORDER BY o.fra_aar NULLS LAST, p.omfatter) AS ordninger
    FROM post_ordninger p
    LEFT JOIN ordninger o USING (ordning_id)
    WHERE p.ordning_id IS NOT NULL OR NOT EXISTS (
        SELECT 1 FROM post_ordninger q WHERE q.kapittel = p.kapittel AND q.post = p.post AND q.ordning_id IS NOT NULL)
    GROUP BY p.kapittel, p.post
)
SELECT b.aar, b.kapittel, b.post, b.post_navn, x.ordninger, b.regnskap, b.status, b.kilde_id
FROM bevilgninger b
JOIN bærer x USING (kapittel, post)
WHERE b.regnskap IS NOT NULL
  AND b.aar = (SELECT max(c.aar) FROM bevilgninger c JOIN bærer y USING (kapittel, post) WHERE c.regnskap IS NOT NULL)
ORDER BY b.kapittel, b.post;
