-- Where a county code's figures land in a given year's county map (reforms applied up to that year), for every
-- year with allocations or bookings.
CREATE VIEW v_fylke_i_aar AS
WITH RECURSIVE aarene AS (
    SELECT aar FROM tildelinger UNION SELECT aar FROM bokforinger
), kjede(fylkesnummer, aar, til, andel) AS (
    SELECT f.fylkesnummer, a.aar, f.fylkesnummer, CAST(1 AS DECIMAL(18, 6))
    FROM fylker f CROSS JOIN aarene a
    UNION ALL
    SELECT k.fylkesnummer, k.aar, o.til_fylkesnummer, CAST(k.andel * o.andel AS DECIMAL(18, 6))
    FROM kjede k
    JOIN fylkesoverganger o
      ON o.fra_fylkesnummer = k.til AND o.relasjon IN ('hel', 'deling') AND o.aar <= k.aar
)
SELECT k.fylkesnummer, k.aar, k.til, CAST(sum(k.andel) AS DECIMAL(18, 6)) AS andel
FROM kjede k
JOIN fylker f ON f.fylkesnummer = k.til
WHERE f.gyldig_fra_aar <= k.aar AND coalesce(f.gyldig_til_aar, 9999) >= k.aar
GROUP BY k.fylkesnummer, k.aar, k.til;
