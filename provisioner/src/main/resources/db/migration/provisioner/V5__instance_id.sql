-- The database instance each job creates (dev.dbaas.pipeline.contract.instance.InstanceIdRule).
-- Jobs accepted before instances had ids carry none; readers derive it from the order id.
ALTER TABLE provisioning_job ADD COLUMN instance_id text;
