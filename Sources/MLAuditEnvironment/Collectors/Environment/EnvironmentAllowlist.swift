/// Environment variables worth recording: they change numeric results,
/// thread counts, device selection, library resolution or what a package
/// installer fetches. Values of secret-looking names are never written,
/// allowlisted or not.
public enum EnvironmentAllowlist {
    public static let names: [String] = [
        // Python
        "PYTHONHASHSEED", "PYTHONPATH", "PYTHONHOME", "PYTHONNOUSERSITE", "PYTHONSAFEPATH", "PYTHONUTF8",
        "PYTHONOPTIMIZE", "PYTHONWARNINGS",
        // Locale and time (parsing, sorting, formatting)
        "LANG", "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "LC_COLLATE", "TZ",
        // Threading and BLAS/LAPACK kernels
        "OMP_NUM_THREADS", "OMP_DYNAMIC", "OMP_PROC_BIND", "OMP_PLACES", "OMP_SCHEDULE",
        "MKL_NUM_THREADS", "MKL_CBWR", "MKL_ENABLE_INSTRUCTIONS", "MKL_DEBUG_CPU_TYPE", "MKL_THREADING_LAYER",
        "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "GOTO_NUM_THREADS", "BLIS_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS", "NUMEXPR_MAX_THREADS", "KMP_AFFINITY",
        "KMP_DETERMINISTIC_REDUCTION", "NVPL_BLAS_DEBUG_CPU_TYPE",
        // CUDA, cuBLAS, cuDNN, NCCL
        "CUDA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER", "CUDA_LAUNCH_BLOCKING", "CUDA_HOME", "CUDA_PATH",
        "CUBLAS_WORKSPACE_CONFIG", "CUDNN_PATH", "NVIDIA_TF32_OVERRIDE", "NVIDIA_VISIBLE_DEVICES",
        "NCCL_ALGO", "NCCL_PROTO",
        // TensorFlow, XLA, JAX, PyTorch
        "TF_DETERMINISTIC_OPS", "TF_CUDNN_DETERMINISTIC", "TF_ENABLE_ONEDNN_OPTS", "TF_XLA_FLAGS", "XLA_FLAGS",
        "JAX_ENABLE_X64", "JAX_DEFAULT_MATMUL_PRECISION", "JAX_PLATFORMS",
        "PYTORCH_CUDA_ALLOC_CONF", "TORCH_ALLOW_TF32_CUBLAS_OVERRIDE", "TORCH_CUDNN_V8_API_ENABLED",
        // Toolchain and library resolution
        "LD_LIBRARY_PATH", "LD_PRELOAD", "CC", "CXX", "CFLAGS", "CXXFLAGS", "LDFLAGS",
        "VIRTUAL_ENV", "CONDA_PREFIX", "CONDA_DEFAULT_ENV",
        // What installers fetch
        "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT", "PIP_REQUIRE_HASHES", "UV_INDEX_URL",
        "UV_EXTRA_INDEX_URL", "UV_CONSTRAINT",
        // Reproducible builds
        "SOURCE_DATE_EPOCH",
    ]
}
