-- The front page's headline: the accounts of the latest accounts year, summed over the posts that carry schemes.
-- params: none
WITH poster AS (
    SELECT DISTINCT kapittel, post FROM post_ordninger
), rader AS (
    SELECT b.aar, b.kapittel, b.post, b.regnskap, b.avrunding, b.status, s.rang, b.kilde_id
    FROM bevilgninger b
    JOIN poster p USING (kapittel, post)
    JOIN v_status s USING (status)
    WHERE b.regnskap IS NOT NULL
)
SELECT aar, sum(regnskap) AS regnskap, count(*) AS poster, max(avrunding) AS avrunding,
       arg_max(status, rang) AS status, string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
FROM rader
WHERE aar = (SELECT max(aar) FROM rader)
GROUP BY aar
ORDER BY aar;
