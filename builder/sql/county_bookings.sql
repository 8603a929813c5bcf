-- Each county: each year's embete (under that year's official name), its bookings on the posts that carry schemes, and every county it then covered.
-- params: none
-- per: fylke
WITH dekning AS (
    SELECT DISTINCT sf.fylkesnummer, sf.embete_id, b.aar
    FROM statsforvalter_fylker sf
    JOIN bokforinger b ON b.aar BETWEEN sf.fra_aar AND coalesce(sf.til_aar, 9999)
), dekket AS (
    SELECT d.embete_id, d.aar, count(*) AS antall_fylker,
           string_agg(f.fylkesnummer || ' ' || f.navn, ', ' ORDER BY f.fylkesnummer) AS fylker
    FROM (SELECT DISTINCT embete_id, aar FROM dekning) d
    JOIN statsforvalter_fylker sf
      ON sf.embete_id = d.embete_id AND d.aar BETWEEN sf.fra_aar AND coalesce(sf.til_aar, 9999)
    JOIN fylker f ON f.fylkesnummer = sf.fylkesnummer
    GROUP BY d.embete_id, d.aar
), poster AS (
    SELECT DISTINCT kapittel, post FROM post_ordninger WHERE ordning_id IS NOT NULL
)
SELECT d.fylkesnummer AS key_fylke, b.aar, b.embete_id, b.embete, b.kapittel, b.post, b.virksomhet,
       sum(b.belop) AS belop, arg_max(b.status, s.rang) AS status,
       string_agg(DISTINCT b.kilde_id, ',' ORDER BY b.kilde_id) AS kilde_id, k.antall_fylker, k.fylker
FROM v_bokforinger b
JOIN dekning d ON d.embete_id = b.embete_id AND d.aar = b.aar
JOIN dekket k ON k.embete_id = b.embete_id AND k.aar = b.aar
JOIN poster p ON p.kapittel = b.kapittel AND p.post = b.post
JOIN v_status s ON s.status = b.status
GROUP BY d.fylkesnummer, b.aar, b.embete_id, b.embete, b.kapittel, b.post, b.virksomhet, k.antall_fylker, k.fylker
ORDER BY b.aar, b.embete, b.kapittel, b.post;
