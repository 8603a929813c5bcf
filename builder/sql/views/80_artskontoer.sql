-- What an artskonto line counts as on the budget pages; the one place this grouping is decided (by kontoklasse):
-- 5 Lønnskostnad = 'lonn'; 8 with artskonto 85x–87x (overføringer til andre statlige regnskaper, tilskudd til
-- kommuner, fylkeskommuner, organisasjoner, foretak og husholdninger) = 'overforing'; everything else = 'drift'
-- (1 investeringer, 3 inntekter som trekkes fra, 4 varer og utstyr, 6 og 7 annen drift, other finance items in 8).
-- 'lonn' and 'drift' are the booking entities' own running costs; 'overforing' is money passed on to others.
CREATE VIEW v_artskontoer AS
SELECT a.*,
       CASE WHEN a.kontoklasse = '5' THEN 'lonn'
            WHEN a.kontoklasse = '8' AND substr(a.artskonto, 1, 2) IN ('85', '86', '87') THEN 'overforing'
            ELSE 'drift' END AS gruppe
FROM artskontoer a;
