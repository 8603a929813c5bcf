-- What each scheme's documented key would give each county (national sum × the county's share of teacher
-- FTEs), for schemes keyed on teacher FTEs and years where every county has a denominator. Statuses: per FTE the
-- weakest of the amount and the denominator; the key figure at best 'beregnet' and never stronger than the
-- weakest amount or denominator of the scheme-year; the difference the weakest of the amount and the key figure.
-- Only scheme-years whose frames add up to a published national total. `fra_nokkel`: the frame was itself
-- computed by us with the key (its source is of type 'beregning'), so comparing it with the key is circular.
-- `omtrent`: the source gives the amount only approximately (merknad «Om lag …»); the difference is then rounded
-- to 100 000 kr, the precision of such a figure.
CREATE VIEW v_nokkel AS
WITH rader AS (
    SELECT r.aar, r.ordning_id, r.ordning, r.kortnavn, r.fylkesnummer, r.fylke, r.belop, r.status, r.statusrang, r.kilde_id, r.merknad,
           n.verdi AS larerarsverk, n.status AS nevner_status, n.kilder AS nevner_kilder,
           coalesce(k.type = 'beregning', false) AS fra_nokkel,
           coalesce(lower(r.merknad) LIKE 'om lag%', false) AS omtrent
    FROM v_rammer r
    JOIN ordninger o USING (ordning_id)
    LEFT JOIN kilder k ON k.kilde_id = r.kilde_id
    LEFT JOIN v_nevner_aar n ON n.aar = r.aar AND n.fylkesnummer = r.fylkesnummer AND n.nevner = o.nokkel_nevner
    WHERE o.nokkel_nevner = 'larerarsverk_grunnskole'
), summer AS (
    SELECT aar, ordning_id, sum(belop) AS belop, sum(larerarsverk) AS larerarsverk,
           count(larerarsverk) = count(*) AS komplett,
           arg_max(status, statusrang) AS belop_status, max(status_rang(nevner_status)) AS nevner_rang
    FROM rader GROUP BY aar, ordning_id
), summer_status AS (
    SELECT *, svakest(svakest('beregnet', belop_status), (SELECT status FROM v_status WHERE rang = nevner_rang))
              AS nokkel_status
    FROM summer
)
SELECT r.*, CAST(r.belop / r.larerarsverk AS DECIMAL(18, 0)) AS per_larerarsverk,
       svakest(r.status, r.nevner_status) AS per_status,
       CAST(s.belop * r.larerarsverk / s.larerarsverk AS DECIMAL(18, 0)) AS etter_nokkel,
       s.nokkel_status,
       CAST(CASE WHEN r.omtrent THEN round(r.belop - s.belop * r.larerarsverk / s.larerarsverk, -5)
                 ELSE r.belop - s.belop * r.larerarsverk / s.larerarsverk END AS DECIMAL(18, 0)) AS differanse,
       svakest(r.status, s.nokkel_status) AS differanse_status
FROM rader r
JOIN summer_status s USING (aar, ordning_id)
JOIN nasjonale_rammer nr USING (aar, ordning_id)
WHERE s.komplett AND s.belop = nr.belop;
