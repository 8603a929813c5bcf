-- Each recipient's grants (tilsagn) by year, scheme and county, newest year first.
-- params: none
-- per: mottaker
-- The page key is the recipient's key, v_tilsagn.mottaker_id (builder/sql/views/90_tilsagn.sql).
SELECT t.mottaker_id AS key_mottaker, t.aar, t.ordning_id, o.navn AS ordning, o.kortnavn, t.fylkesnummer, f.navn AS fylke,
       t.fylkesnummer IN (SELECT fylkesnummer FROM v_fylkesider) AS har_side,
       t.mottaker_orgnr, t.mottaker_navn, t.belop, t.status, t.kilde_id, t.merknad
FROM v_tilsagn t
JOIN ordninger o USING (ordning_id)
JOIN fylker f USING (fylkesnummer)
ORDER BY t.aar DESC, o.fra_aar, t.ordning_id, t.fylkesnummer, t.mottaker_navn;
