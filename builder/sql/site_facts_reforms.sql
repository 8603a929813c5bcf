-- The years of county reforms, and whether a county was split that year, for the method texts.
-- params: none
SELECT aar, bool_or(relasjon = 'deling') AS deling
FROM fylkesoverganger
GROUP BY aar
ORDER BY aar
