-- Coverage of the indices built by this run (printed in the run summary).
SELECT mesure, cle, communes FROM indice_couverture ORDER BY mesure, cle;
