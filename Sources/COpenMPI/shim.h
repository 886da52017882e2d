// Open MPI's C interface (libopenmpi-dev), the only place mpi.h is seen.
//
// MPI_COMM_WORLD, MPI_FLOAT, MPI_BYTE, MPI_SUM and friends are macros that take the address of
// a library object (`&ompi_mpi_comm_world`), which Swift cannot import: each one is a function
// here instead.
// sched_getaffinity and CPU_COUNT are GNU extensions.
#define _GNU_SOURCE
#include <sched.h>
#include <mpi.h>

static inline MPI_Comm nmt_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype nmt_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype nmt_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Op nmt_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Errhandler nmt_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline MPI_Request nmt_mpi_request_null(void) { return MPI_REQUEST_NULL; }
static inline MPI_Status *nmt_mpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
static inline MPI_Status *nmt_mpi_statuses_ignore(void) { return MPI_STATUSES_IGNORE; }
static inline int nmt_mpi_success(void) { return MPI_SUCCESS; }
static inline int nmt_mpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }
static inline int nmt_mpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }
static inline void *nmt_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Info nmt_mpi_info_null(void) { return MPI_INFO_NULL; }
static inline int nmt_mpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }
static inline int nmt_mpi_any_source(void) { return MPI_ANY_SOURCE; }

/// How many CPUs this process may run on (mpirun binds ranks to cores); 0 if unknown.
static inline int nmt_affinity_cpu_count(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}
