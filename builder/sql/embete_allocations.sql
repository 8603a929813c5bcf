-- The official and calculated scheme figures (tildelinger) known for the counties each embete covered.
-- params: none
-- per: embete
-- Status offisiell or beregnet only, in the years the embete covered the county.
SELECT sf.embete_id AS key_embete, t.aar, t.ordning_id, o.navn AS ordning, o.kortnavn, t.fylkesnummer, f.navn AS fylke,
       t.belopstype, t.mottaker_navn, t.belop, t.status, t.kilde_id,
       t.fylkesnummer IN (SELECT fylkesnummer FROM v_fylkesider) AS har_side
FROM tildelinger t
JOIN ordninger o USING (ordning_id)
JOIN fylker f USING (fylkesnummer)
JOIN statsforvalter_fylker sf
  ON sf.fylkesnummer = t.fylkesnummer AND sf.fra_aar <= t.aar AND coalesce(sf.til_aar, 9999) >= t.aar
WHERE t.status IN ('offisiell', 'beregnet')
ORDER BY t.aar, t.ordning_id, t.fylkesnummer, t.belopstype, t.mottaker_navn;
