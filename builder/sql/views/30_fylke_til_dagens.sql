-- Where a county code's figures land in today's county map: re-established counties map directly
-- ('tilsvarer'), merged and split counties by the shares in fylkesoverganger (documented on /om/).
CREATE VIEW v_fylke_til_dagens AS
WITH RECURSIVE kjede(fylkesnummer, til, andel) AS (
    SELECT fylkesnummer, fylkesnummer, CAST(1 AS DECIMAL(18, 6)) FROM fylker
    UNION ALL
    SELECT k.fylkesnummer, o.til_fylkesnummer, CAST(k.andel * o.andel AS DECIMAL(18, 6))
    FROM kjede k
    JOIN fylkesoverganger o ON o.fra_fylkesnummer = k.til
    WHERE o.relasjon = 'tilsvarer'
       OR (o.relasjon IN ('hel', 'deling') AND NOT EXISTS (
              SELECT 1 FROM fylkesoverganger t WHERE t.fra_fylkesnummer = k.til AND t.relasjon = 'tilsvarer'))
)
SELECT k.fylkesnummer, k.til AS dagens_fylkesnummer, CAST(sum(k.andel) AS DECIMAL(18, 6)) AS andel
FROM kjede k
JOIN fylker f ON f.fylkesnummer = k.til AND f.gyldig_til_aar IS NULL
GROUP BY k.fylkesnummer, k.til;
