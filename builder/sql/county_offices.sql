-- The statsforvalter offices that covered one county, by period.
-- params: fylke
SELECT e.embete_id, e.navn, sf.fra_aar, sf.til_aar, sf.kilde_id
FROM statsforvalter_fylker sf
JOIN statsforvaltere e USING (embete_id)
WHERE sf.fylkesnummer = $fylke
ORDER BY sf.fra_aar, e.navn;
