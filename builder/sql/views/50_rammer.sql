-- County frames (belopstype 'ramme') with scheme and county names.
CREATE VIEW v_rammer AS
SELECT t.aar, t.ordning_id, o.navn AS ordning, o.kortnavn, t.fylkesnummer, f.navn AS fylke,
       t.belop, t.status, s.rang AS statusrang, t.kilde_id, t.merknad
FROM tildelinger t
JOIN ordninger o USING (ordning_id)
JOIN fylker f USING (fylkesnummer)
JOIN v_status s USING (status)
WHERE t.belopstype = 'ramme';
