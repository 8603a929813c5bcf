-- The grants (tilsagn) that name a recipient, with the recipient's key (builder/sql/recipient*.sql): 'orgnr:' and
-- the org.nr. where the grant gives one, else 'navn:' and the exact name. Computed once per load, so a recipient
-- page's query compares one column instead of building the key for every grant.
CREATE VIEW v_tilsagn AS
SELECT coalesce('orgnr:' || t.mottaker_orgnr, 'navn:' || t.mottaker_navn) AS mottaker_id, t.*
FROM tildelinger t
WHERE t.belopstype = 'tilsagn' AND coalesce(t.mottaker_orgnr, t.mottaker_navn) IS NOT NULL
ORDER BY mottaker_id, t.aar, t.ordning_id, t.fylkesnummer;
