-- Grants (tilsagn) to recipients in each county, newest year first (names re-sorted in Norwegian order by the model).
-- params: none
-- per: fylke
SELECT t.fylkesnummer AS key_fylke, t.aar, t.ordning_id, o.navn AS ordning, o.kortnavn, t.mottaker_navn, t.mottaker_orgnr,
       t.belop, t.status, t.kilde_id
FROM tildelinger t
JOIN ordninger o USING (ordning_id)
WHERE t.belopstype = 'tilsagn'
ORDER BY t.aar DESC, o.fra_aar, t.ordning_id, t.mottaker_navn;
