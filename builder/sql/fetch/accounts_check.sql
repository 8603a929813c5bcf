-- Loaded accounts values outside DFØ's format: per column, how many and the first one (no rows when all are valid).
-- params: none
WITH bad AS (
    SELECT 'År' AS kolonne, aar AS verdi FROM regnskap
    WHERE NOT coalesce(regexp_full_match(aar, '[0-9]{4}'), false)
    UNION ALL
    SELECT 'Periode', periode FROM regnskap
    WHERE NOT coalesce(regexp_full_match(periode, '[0-9]{4}(0[1-9]|1[0-3])'), false)
    UNION ALL
    SELECT 'Virksomhet_id', orgnr FROM regnskap WHERE NOT coalesce(regexp_full_match(orgnr, '[0-9]{9}'), false)
    UNION ALL
    SELECT 'Artskonto_id', artskonto FROM regnskap WHERE NOT coalesce(regexp_full_match(artskonto, '[0-9]{3}'), false)
    UNION ALL
    SELECT 'Kontoklasse_id', kontoklasse FROM regnskap
    WHERE NOT coalesce(regexp_full_match(kontoklasse, '[0-9]'), false)
    UNION ALL
    SELECT 'Beløp', belop FROM regnskap
    WHERE NOT coalesce(regexp_full_match(belop, '-?[0-9]{1,15}(,[0-9]{1,3})?'), false)
    UNION ALL
    SELECT 'Post', post_navn FROM regnskap WHERE coalesce(trim(post_navn), '') = '' OR post_navn LIKE '%Ã%'
    UNION ALL
    SELECT 'Virksomhet', virksomhet FROM regnskap WHERE coalesce(trim(virksomhet), '') = '' OR virksomhet LIKE '%Ã%'
    UNION ALL
    SELECT 'Artskonto', artskonto_navn FROM regnskap
    WHERE coalesce(trim(artskonto_navn), '') = '' OR artskonto_navn LIKE '%Ã%'
    UNION ALL
    SELECT 'Kontoklasse', kontoklasse_navn FROM regnskap
    WHERE coalesce(trim(kontoklasse_navn), '') = '' OR kontoklasse_navn LIKE '%Ã%'
)
SELECT kolonne, count(*) AS antall, min(coalesce(verdi, '')) AS verdi
FROM bad
GROUP BY kolonne
ORDER BY kolonne
