-- Every county frame, for the comparison page's own JSON file.
-- params: none
SELECT aar, fylkesnummer, fylke, ordning_id, ordning, belop, status
FROM v_rammer
ORDER BY aar, fylkesnummer, ordning_id;
