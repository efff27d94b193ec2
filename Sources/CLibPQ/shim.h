#ifndef C_LIBPQ_SHIM_H
#define C_LIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
