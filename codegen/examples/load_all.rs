fn main() {
    let mut ok = 0;
    for arg in std::env::args().skip(1) {
        match awsgen_codegen::model::load(std::path::Path::new(&arg)) {
            Ok(l) => {
                ok += 1;
                for u in &l.model.unsupported {
                    let _ = u;
                }
            }
            Err(e) => println!("{e}"),
        }
    }
    println!("ok {ok}");
}
