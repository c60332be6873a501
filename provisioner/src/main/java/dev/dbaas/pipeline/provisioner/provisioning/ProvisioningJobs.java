package dev.dbaas.pipeline.provisioner.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The job store. Every method that takes a {@link Transition} writes the job's new state
 * and its status event (if any) in one transaction, so an event is published exactly when
 * its state change is stored.
 *
 * <p>
 * Thread-safe.
 */
public interface ProvisioningJobs {

	/**
	 * Stores a new job unless one exists for the order (a redelivered order).
	 * @param accepted the job and its {@code ProvisioningStarted} event
	 * @return {@code true} if stored, {@code false} if the order was known already
	 */
	boolean add(Transition accepted);

	/**
	 * Stores new jobs in one write, each unless one exists for its order, in the order
	 * given: a batch of placed orders.
	 * @param accepted the jobs with their {@code ProvisioningStarted} events, each with
	 * the trace context to store with it
	 * @return for each job, in order, {@code true} if stored, {@code false} if its order
	 * was known already
	 */
	List<Boolean> addAll(List<NewJob> accepted);

	/**
	 * Claims up to {@code limit} jobs that are due and not leased (or whose lease
	 * expired), for {@code owner}. Jobs claimed by a concurrent caller are skipped, not
	 * waited for. A job of instance version N is claimed only once the job of version N-1
	 * of its instance exists and is terminal; a job whose instance lives on another
	 * provisioner host is never claimed here, and a host-bound job claimed here is placed
	 * on this host for good.
	 * @param owner the claiming worker's id
	 * @param limit most jobs to claim
	 * @return the claimed jobs, oldest due first
	 */
	List<ClaimedJob> claimDue(String owner, int limit);

	/**
	 * Stores a transition and keeps (and extends) the lease.
	 * @param lease the lease the change is made under
	 * @param transition the change
	 * @return whether it was stored, and whether a DELETE asks the job to stop
	 */
	Recorded recordAndHold(Lease lease, Transition transition);

	/**
	 * Stores a transition and gives the lease up (terminal state, or a retry that waits).
	 * @param lease the lease the change is made under
	 * @param transition the change
	 * @return {@code false} if the lease was lost and nothing was written
	 */
	boolean recordAndRelease(Lease lease, Transition transition);

	/**
	 * Gives a lease up without a change, so that any worker may claim the job again.
	 * @param lease the lease
	 */
	void release(Lease lease);

	/**
	 * Extends leases that are still held.
	 * @param leases the leases to extend
	 * @return how many were extended
	 */
	int renew(Collection<Lease> leases);

	/**
	 * Jobs still in progress whose deadline has passed, leased or not.
	 * @param now the current time
	 * @param limit most jobs to return
	 * @return the overdue jobs
	 */
	List<ProvisioningJob> overdue(Instant now, int limit);

	/**
	 * Stores a transition if the job did not change since it was read, whoever holds its
	 * lease, and clears the lease.
	 * @param before the job as read
	 * @param transition the change
	 * @return {@code false} if the job changed meanwhile and nothing was written
	 */
	boolean recordIfUnchanged(ProvisioningJob before, Transition transition);

	/**
	 * Writes this provisioner host's heartbeat: it is alive and acts on its instances.
	 */
	void heartbeat();

	/**
	 * Jobs in progress whose instance lives on a host that has not written its heartbeat
	 * for {@code hostTimeout}.
	 * @param hostTimeout how long a host may be silent
	 * @param limit most jobs to return
	 * @return the stranded jobs
	 */
	List<StrandedJob> stranded(Duration hostTimeout, int limit);

}
