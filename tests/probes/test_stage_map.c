// SPDX-License-Identifier: MIT
/* Stack -> stage attribution on stacks seen on real kernels (innermost frame first). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "stage_map.h"

#define STAGE(...) ({ const char *f_[] = { __VA_ARGS__ }; sb_stage_of_stack(f_, sizeof(f_) / sizeof(f_[0])); })

static void test_mm(void **state)
{
	(void)state;
	assert_string_equal(STAGE("copy_pte_range", "copy_page_range", "dup_mmap", "copy_process", "kernel_clone"),
			    "copy_page_range");
	assert_string_equal(STAGE("anon_vma_fork", "dup_mmap", "copy_process", "kernel_clone"), "dup_mmap");
	/* 6.12 inlines dup_mm and dup_mmap into copy_process: their callees stand for them, copy_page_range
	 * still refines (stacks seen on Debian's 6.12 by scripts/kernel-matrix) */
	assert_string_equal(STAGE("clear_page_erms", "allocate_slab", "kmem_cache_alloc_noprof", "vm_area_dup",
				  "copy_process", "kernel_clone"), "dup_mmap");
	assert_string_equal(STAGE("pgd_alloc", "mm_init", "copy_process", "kernel_clone"), "dup_mmap");
	assert_string_equal(STAGE("copy_pte_range", "copy_page_range", "copy_process", "kernel_clone"),
			    "copy_page_range");
	assert_string_equal(STAGE("clear_page_erms", "alloc_pages_bulk_noprof", "__vmalloc_node_range_noprof",
				  "copy_process", "kernel_clone"), "dup_task_struct");
	/* a generic helper deeper down names nothing */
	assert_string_equal(STAGE("mas_store", "vma_link", "unknown_fn", "copy_process"), "other");
}

static void test_namespaces(void **state)
{
	(void)state;
	assert_string_equal(STAGE("memset", "ops_init", "setup_net", "copy_net_ns", "create_new_namespaces",
				  "copy_namespaces", "copy_process"), "copy_net_ns");
	assert_string_equal(STAGE("kmem_cache_alloc", "create_new_namespaces", "copy_namespaces", "copy_process"),
			    "copy_namespaces");
	assert_string_equal(STAGE("create_user_ns", "copy_creds", "copy_process"), "create_user_ns");
}

static void test_direct_only(void **state)
{
	(void)state;
	/* the kernel stack's vmalloc is dup_task_struct's only when copy_process called it */
	assert_string_equal(STAGE("clear_page", "__vmalloc_node_noprof", "copy_process"), "dup_task_struct");
	assert_string_equal(STAGE("clear_page", "__vmalloc_node_noprof", "dup_fd", "copy_process"), "copy_files");
	assert_string_equal(STAGE("bpf_get_current_comm", "bpf_prog_x", "bpf_trace_run2", "copy_process"),
			    "bpf_probes");
}

static void test_edges(void **state)
{
	(void)state;
	assert_string_equal(STAGE("copy_process", "kernel_clone"), SB_STAGE_SELF);
	assert_string_equal(STAGE("memcpy", "some_helper", "copy_process"), SB_STAGE_OTHER);
	assert_null(STAGE("do_syscall_64", "entry_SYSCALL_64"));
	assert_null(sb_stage_of_stack(NULL, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mm),
		cmocka_unit_test(test_namespaces),
		cmocka_unit_test(test_direct_only),
		cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
