-- Every county frame, for the comparison page's own JSON file, with the teacher FTEs of its county and year.
-- params: none
-- per_larer: whether the scheme's key denominator is teacher FTEs (ordninger.nokkel_nevner); only those schemes
-- count per FTE. per_status is the weaker of the amount's and the denominator's status (README "Statuses of
-- derived figures"); the page takes the weakest over the frames it adds up.
SELECT r.aar, r.fylkesnummer, r.fylke, r.ordning_id, r.ordning, r.belop, r.status, r.statusrang,
       coalesce(o.nokkel_nevner = 'larerarsverk_grunnskole', false) AS per_larer,
       n.verdi AS larerarsverk, svakest(r.status, n.status) AS per_status,
       status_rang(svakest(r.status, n.status)) AS per_statusrang
FROM v_rammer r
JOIN ordninger o USING (ordning_id)
LEFT JOIN v_nevner_aar n
    ON n.aar = r.aar AND n.fylkesnummer = r.fylkesnummer AND n.nevner = 'larerarsverk_grunnskole'
ORDER BY r.aar, r.fylkesnummer, r.ordning_id;
