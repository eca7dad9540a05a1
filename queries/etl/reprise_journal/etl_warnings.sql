-- Journal of the published warehouse (attached as previous), carried over into this run's.
INSERT INTO etl_warnings BY NAME SELECT * FROM previous.etl_warnings;
