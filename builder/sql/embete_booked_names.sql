-- The names DFØ booked one embete under, per year (they vary: «Statsforvaltaren i Vestlandet», two spaces in a row).
-- params: embete
SELECT b.aar, b.virksomhet, string_agg(ltrim(b.kapittel, '0') || '.' || b.post, ', ' ORDER BY b.kapittel, b.post) AS poster,
       string_agg(DISTINCT b.kilde_id, ',' ORDER BY b.kilde_id) AS kilde_id
FROM v_bokforinger b
WHERE b.embete_id = $embete
GROUP BY b.aar, b.virksomhet
ORDER BY b.aar, b.virksomhet;
