mod import_models;

fn main() {}
