-- Every booking mapped to an embete by org.nr. and year: year, post, the name as DFØ booked it, the amount.
-- params: none
-- per: embete
SELECT b.embete_id AS key_embete, b.aar, b.kapittel, b.post, ltrim(b.kapittel, '0') || '.' || b.post AS post_kode,
       b.virksomhet, b.belop, b.status, b.kilde_id
FROM v_bokforinger b
WHERE b.embete_id IS NOT NULL
ORDER BY b.aar, b.kapittel, b.post, b.virksomhet;
