-- Which counting dates each denominator has official counts for, for the method texts.
-- params: none
SELECT nevner, min(telledato) AS fra_dato, max(telledato) AS til_dato, count(DISTINCT aar) AS aar
FROM nevnere
WHERE status = 'offisiell'
GROUP BY nevner
ORDER BY nevner
