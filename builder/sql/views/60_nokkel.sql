-- What each scheme's documented key would give each county (national sum × the county's share of teacher
-- FTEs), for schemes keyed on teacher FTEs and years where every county has a denominator.
CREATE VIEW v_nokkel AS
WITH rader AS (
    SELECT r.aar, r.ordning_id, r.ordning, r.fylkesnummer, r.fylke, r.belop, r.status, r.statusrang, r.kilde_id,
           n.verdi AS larerarsverk, n.status AS nevner_status, n.kilder AS nevner_kilder
    FROM v_rammer r
    JOIN ordninger o USING (ordning_id)
    LEFT JOIN v_nevner_aar n ON n.aar = r.aar AND n.fylkesnummer = r.fylkesnummer AND n.nevner = o.nokkel_nevner
    WHERE o.nokkel_nevner = 'larerarsverk_grunnskole'
), summer AS (
    SELECT aar, ordning_id, sum(belop) AS belop, sum(larerarsverk) AS larerarsverk,
           count(larerarsverk) = count(*) AS komplett
    FROM rader GROUP BY aar, ordning_id
)
SELECT r.*, CAST(r.belop / r.larerarsverk AS DECIMAL(18, 0)) AS per_larerarsverk,
       CAST(s.belop * r.larerarsverk / s.larerarsverk AS DECIMAL(18, 0)) AS etter_nokkel,
       CAST(r.belop - s.belop * r.larerarsverk / s.larerarsverk AS DECIMAL(18, 0)) AS differanse
FROM rader r
JOIN summer s USING (aar, ordning_id)
WHERE s.komplett;
