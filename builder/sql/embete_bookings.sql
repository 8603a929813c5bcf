-- Every booking mapped to one embete by org.nr. and year: year, post, the name as DFØ booked it, the amount.
-- params: embete
SELECT b.aar, b.kapittel, b.post, ltrim(b.kapittel, '0') || '.' || b.post AS post_kode, b.virksomhet, b.belop,
       b.status, b.kilde_id
FROM v_bokforinger b
WHERE b.embete_id = $embete
ORDER BY b.aar, b.kapittel, b.post, b.virksomhet;
