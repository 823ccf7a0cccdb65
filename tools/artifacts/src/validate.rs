//! Offline replica of Stylus' activation check (nitro's wasmparser feature
//! set, its operator meter's refusals, and its program limits).

use std::fmt;

use crate::sections;
use wasmparser::{ExternalKind, GlobalType, Operator, Parser, Payload, TypeRef, ValType, Validator, WasmFeatures};

/// Nitro refuses a function with more opcodes than this.
pub const MAX_OPCODES_PER_FUNCTION: usize = 65_536;

/// The other counts `WasmBinary::parse_user` bounds (nitro's
/// arbitrator/prover/src/binary.rs), with the names its messages use.
pub const LIMITS: Limits = Limits {
    memories: 1,
    datas: 128,
    elements: 128,
    exports: 1024,
    functions: 4096,
    globals: 32_768,
    locals_per_function: 348,
    table_entries: 4096,
    memory_pages: 128,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub memories: u64,
    pub datas: u64,
    pub elements: u64,
    pub exports: u64,
    pub functions: u64,
    pub globals: u64,
    pub locals_per_function: u64,
    pub table_entries: u64,
    /// Initial pages (the chain's `PageLimit`, 128 on Arbitrum).
    pub memory_pages: u64,
}

/// What a valid program looks like, for the size report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Program {
    pub functions: usize,
    pub max_opcodes: usize,
    /// Largest stack frame (bytes) any function reserves.
    pub max_frame: u32,
    /// The configured stack: the stack pointer's initial value.
    pub stack_size: u32,
    pub memory_pages: u64,
    pub imports: Vec<String>,
}

impl Program {
    pub fn imports_host_keccak(&self) -> bool {
        self.imports.iter().any(|i| i == "native_keccak256")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub Vec<String>);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.join("; "))
    }
}

/// Features nitro enables when it parses a user program. `GC_TYPES` is only
/// wasmparser's switch for any reference type (the funcref table of
/// `call_indirect`); the reference-types proposal itself stays off, which
/// also rejects its encoding of `call_indirect`. Floats parse, but the meter
/// refuses every float operator (checked below).
pub fn nitro_features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::FLOATS
        | WasmFeatures::GC_TYPES
}

/// The smallest program (WAT body, without `(module ...)`) this check
/// accepts: the shape every Stylus program has, a `vm_hooks` import, an
/// exported memory and `user_entrypoint` with a stack pointer. Tests build
/// their valid and invalid fixtures around it.
pub const MINIMAL_PROGRAM_WAT: &str = r#"
  (import "vm_hooks" "native_keccak256" (func $k (param i32 i32 i32)))
  (global $sp (mut i32) (i32.const 8192))
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param i32) (result i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 64)))
    (local.get 0))
"#;

/// Operators Stylus' meter prices at infinity.
fn refused(op: &Operator) -> Option<String> {
    let name = format!("{op:?}");
    let name = name.split([' ', '{']).next().unwrap_or_default().to_string();
    let float = name.contains("F32") || name.contains("F64");
    let banned = matches!(
        op,
        Operator::MemoryInit { .. }
            | Operator::DataDrop { .. }
            | Operator::RefNull { .. }
            | Operator::RefIsNull
            | Operator::RefFunc { .. }
            | Operator::TableGet { .. }
            | Operator::TableSet { .. }
            | Operator::TableGrow { .. }
            | Operator::TableSize { .. }
    );
    (float || banned).then_some(name)
}

fn is_float(t: &ValType) -> bool {
    matches!(t, ValType::F32 | ValType::F64)
}

/// Checks `wasm` as Stylus activation would and describes the program.
pub fn validate(wasm: &[u8]) -> Result<Program, Invalid> {
    let mut errors = Vec::new();
    match sections::refused(wasm) {
        Ok(ids) => errors.extend(ids.into_iter().map(|id| {
            format!("{} section (id {id}): nitro's parser refuses it (unsupported section type)", sections::name(id))
        })),
        Err(e) => errors.push(e),
    }
    if let Err(e) = Validator::new_with_features(nitro_features()).validate_all(wasm) {
        errors.push(format!("wasmparser (nitro features): {e}"));
        return Err(Invalid(errors));
    }
    let mut program = Program::default();
    let mut counts = Counts::default();
    let mut stack_pointer = None;
    let mut entrypoint = false;
    let mut memory_export = false;
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| Invalid(vec![e.to_string()]))?;
        count(&payload, &mut counts);
        if let Err(e) =
            inspect(payload, &mut program, &mut stack_pointer, &mut entrypoint, &mut memory_export, &mut errors)
        {
            errors.push(e.to_string());
        }
    }
    counts.check(&LIMITS, &mut errors);
    if !entrypoint {
        errors.push("no exported function `user_entrypoint`".into());
    }
    if !memory_export {
        errors.push("no exported `memory`".into());
    }
    if program.max_frame > program.stack_size {
        errors.push(format!(
            "a stack frame of {} bytes exceeds the configured stack of {} bytes",
            program.max_frame, program.stack_size
        ));
    }
    if errors.is_empty() {
        Ok(program)
    } else {
        Err(Invalid(errors))
    }
}

/// What [`LIMITS`] bounds, counted as nitro counts it.
#[derive(Debug, Default)]
struct Counts {
    memories: u64,
    datas: u64,
    elements: u64,
    exports: u64,
    functions: u64,
    globals: u64,
    table_entries: u64,
    memory_pages: u64,
    /// (function index, locals) of the function with the most locals.
    most_locals: (u64, u64),
}

fn count(payload: &Payload, c: &mut Counts) {
    match payload {
        Payload::MemorySection(r) => {
            c.memories += u64::from(r.count());
            for memory in r.clone().into_iter().flatten() {
                c.memory_pages = c.memory_pages.max(memory.initial);
            }
        }
        Payload::DataSection(r) => c.datas += u64::from(r.count()),
        Payload::ElementSection(r) => c.elements += u64::from(r.count()),
        Payload::ExportSection(r) => c.exports += u64::from(r.count()),
        Payload::GlobalSection(r) => c.globals += u64::from(r.count()),
        Payload::TableSection(r) => {
            c.table_entries += r.clone().into_iter().flatten().map(|t| t.ty.initial).sum::<u64>();
        }
        Payload::CodeSectionEntry(body) => {
            let locals = body
                .get_locals_reader()
                .map(|r| r.into_iter().flatten().map(|(n, _)| u64::from(n)).sum::<u64>())
                .unwrap_or_default();
            if locals > c.most_locals.1 {
                c.most_locals = (c.functions, locals);
            }
            c.functions += 1;
        }
        _ => {}
    }
}

impl Counts {
    fn check(&self, limits: &Limits, errors: &mut Vec<String>) {
        let checks = [
            ("memories", self.memories, limits.memories),
            ("datas", self.datas, limits.datas),
            ("elements", self.elements, limits.elements),
            ("exports", self.exports, limits.exports),
            ("functions", self.functions, limits.functions),
            ("globals", self.globals, limits.globals),
            ("table entries", self.table_entries, limits.table_entries),
        ];
        for (what, n, limit) in checks {
            if n > limit {
                errors.push(format!("too many wasm {what}: {n} > {limit} (nitro's limit)"));
            }
        }
        if self.most_locals.1 > limits.locals_per_function {
            errors.push(format!(
                "function {} has {} locals (nitro's limit {})",
                self.most_locals.0, self.most_locals.1, limits.locals_per_function
            ));
        }
        if self.memory_pages > limits.memory_pages {
            errors.push(format!(
                "memory of {} initial pages exceeds nitro's page limit {}",
                self.memory_pages, limits.memory_pages
            ));
        }
    }
}

fn inspect(
    payload: Payload,
    program: &mut Program,
    stack_pointer: &mut Option<u32>,
    entrypoint: &mut bool,
    memory_export: &mut bool,
    errors: &mut Vec<String>,
) -> wasmparser::Result<()> {
    match payload {
        Payload::TypeSection(reader) => {
            for ty in reader.into_iter_err_on_gc_types() {
                let ty = ty?;
                if ty.params().iter().chain(ty.results()).any(is_float) {
                    errors.push(format!("float type in function signature {ty:?}"));
                }
            }
        }
        Payload::ImportSection(reader) => {
            for import in reader {
                let import = import?;
                if import.module != "vm_hooks" {
                    errors.push(format!("import {}::{} is not from vm_hooks", import.module, import.name));
                }
                if !matches!(import.ty, TypeRef::Func(_)) {
                    errors.push(format!("import {} is not a function", import.name));
                }
                program.imports.push(import.name.to_string());
            }
        }
        Payload::GlobalSection(reader) => {
            for (index, global) in reader.into_iter().enumerate() {
                let global = global?;
                if is_float(&global.ty.content_type) {
                    errors.push(format!("float global {index}"));
                }
                // The stack pointer is the first mutable i32 global (wasm-ld's layout).
                if stack_pointer.is_none()
                    && global.ty == (GlobalType { content_type: ValType::I32, mutable: true, shared: false })
                {
                    *stack_pointer = Some(index as u32);
                    if let Ok(Operator::I32Const { value }) = global.init_expr.get_operators_reader().read() {
                        program.stack_size = value as u32;
                    }
                }
            }
        }
        Payload::MemorySection(reader) => {
            for memory in reader {
                program.memory_pages = memory?.initial;
            }
        }
        Payload::ExportSection(reader) => {
            for export in reader {
                let export = export?;
                match (export.name, export.kind) {
                    ("user_entrypoint", ExternalKind::Func) => *entrypoint = true,
                    ("memory", ExternalKind::Memory) => *memory_export = true,
                    _ => {}
                }
            }
        }
        Payload::StartSection { .. } => errors.push("a start function is not allowed".into()),
        Payload::CodeSectionEntry(body) => {
            program.functions += 1;
            let mut ops = 0usize;
            let mut window: [Option<Operator>; 2] = [None, None];
            for op in body.get_operators_reader()? {
                let op = op?;
                ops += 1;
                if let Some(name) = refused(&op) {
                    errors.push(format!("function {}: operator {name} is refused by Stylus", program.functions - 1));
                }
                // Frame reservation: global.get $sp; i32.const N; i32.sub.
                if let (
                    Some(Operator::GlobalGet { global_index }),
                    Some(Operator::I32Const { value }),
                    Operator::I32Sub,
                ) = (&window[0], &window[1], &op)
                {
                    if Some(*global_index) == *stack_pointer {
                        program.max_frame = program.max_frame.max(*value as u32);
                    }
                }
                window = [window[1].take(), Some(op)];
            }
            program.max_opcodes = program.max_opcodes.max(ops);
            if ops > MAX_OPCODES_PER_FUNCTION {
                errors.push(format!(
                    "function {} has {ops} opcodes (limit {MAX_OPCODES_PER_FUNCTION})",
                    program.functions - 1
                ));
            }
        }
        _ => {}
    }
    Ok(())
}
