-- The counties that have a county page (builder/sql/counties.sql lists them from here): those with allocations,
-- and those whose embete booked on the posts in the state accounts in a year the county was valid.
CREATE VIEW v_fylkesider AS
SELECT DISTINCT fylkesnummer FROM v_rammer
UNION
SELECT sf.fylkesnummer
FROM statsforvalter_fylker sf
JOIN v_bokforinger b ON b.embete_id = sf.embete_id AND b.aar BETWEEN sf.fra_aar AND coalesce(sf.til_aar, 9999)
JOIN fylker f ON f.fylkesnummer = sf.fylkesnummer
WHERE b.aar BETWEEN f.gyldig_fra_aar AND coalesce(f.gyldig_til_aar, 9999);
