-- The names DFØ booked each embete under, per year (they vary: «Statsforvaltaren i Vestlandet», two spaces in a row).
-- params: none
-- per: embete
SELECT b.embete_id AS key_embete, b.aar, b.virksomhet,
       string_agg(ltrim(b.kapittel, '0') || '.' || b.post, ', ' ORDER BY b.kapittel, b.post) AS poster,
       string_agg(DISTINCT b.kilde_id, ',' ORDER BY b.kilde_id) AS kilde_id
FROM v_bokforinger b
WHERE b.embete_id IS NOT NULL
GROUP BY b.embete_id, b.aar, b.virksomhet
ORDER BY b.aar, b.virksomhet;
