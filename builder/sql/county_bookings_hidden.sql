-- Each county: years and posts where the accounts list only the largest entities and the county's embete is not one.
-- params: none
-- per: fylke
-- Its booking, if any, is then inside the remainder row «Øvrige (N virksomheter)» of that post and year.
WITH dekning AS (
    SELECT DISTINCT sf.fylkesnummer, sf.embete_id, a.aar
    FROM statsforvalter_fylker sf
    JOIN (SELECT DISTINCT aar FROM bokforinger) a ON a.aar BETWEEN sf.fra_aar AND coalesce(sf.til_aar, 9999)
), poster AS (
    SELECT DISTINCT kapittel, post FROM post_ordninger WHERE ordning_id IS NOT NULL
)
SELECT d.fylkesnummer AS key_fylke, d.aar, d.embete_id, coalesce(n.navn, e.navn) AS embete, o.kapittel, o.post,
       o.virksomhet AS samlet_som, o.belop, o.status, o.kilde_id
FROM dekning d
JOIN statsforvaltere e ON e.embete_id = d.embete_id
LEFT JOIN embete_navn n
  ON n.embete_id = d.embete_id AND n.fra_aar <= d.aar AND coalesce(n.til_aar, 9999) >= d.aar
JOIN v_bokforinger o ON o.aar = d.aar AND o.virksomhetstype = 'ovrige'
JOIN poster p ON p.kapittel = o.kapittel AND p.post = o.post
WHERE NOT EXISTS (
    SELECT 1 FROM v_bokforinger b
    WHERE b.aar = d.aar AND b.embete_id = d.embete_id AND b.kapittel = o.kapittel AND b.post = o.post
)
ORDER BY d.aar, o.kapittel, o.post;
