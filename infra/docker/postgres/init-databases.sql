-- One database per service; PostgreSQL runs this once, when its data volume is new.
CREATE DATABASE detention;
CREATE DATABASE consent;
CREATE DATABASE flight;
CREATE DATABASE notification;
CREATE DATABASE workflow;
