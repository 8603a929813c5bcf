-- Loaded appropriation values outside DFØ's format: per column, how many and the first one (none when all valid).
-- params: none
WITH bad AS (
    SELECT 'År' AS kolonne, aar AS verdi FROM bevilgning WHERE NOT coalesce(regexp_full_match(aar, '[0-9]{4}'), false)
    UNION ALL
    SELECT 'Bevilgning_beløp', belop FROM bevilgning
    WHERE NOT coalesce(regexp_full_match(belop, '-?[0-9]{1,15}(,[0-9]{1,3})?'), false)
    UNION ALL
    SELECT 'Post', post_navn FROM bevilgning WHERE coalesce(trim(post_navn), '') = '' OR post_navn LIKE '%Ã%'
    UNION ALL
    SELECT 'Bevilgning', vedtak FROM bevilgning WHERE vedtak LIKE '%Ã%'
)
SELECT kolonne, count(*) AS antall, min(coalesce(verdi, '')) AS verdi
FROM bad
GROUP BY kolonne
ORDER BY kolonne
