#!/usr/bin/env bash
# Packs the CLI as .NET tool packages (one per platform, .NET 10's RID-specific tools), checks that each is under
# nuget.org's 250 MB limit and carries only its own platform's LibTorch, then installs the tool as a user would and
# runs it. Run by .ci/run after the tests; leaves nothing behind (its own folder, its own NuGet cache entries).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
version="0.0.0-toolcheck$(date +%s)"
trap 'rm -rf "$work"' EXIT
dotnet pack src/AdaMomentumSharp.Cli -c Release -o "$work/feed" -p:MinVerVersionOverride="$version" > "$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; echo "tool packages: dotnet pack failed"; exit 1; }

limit=$((250 * 1000 * 1000))
for rid in linux-x64 win-x64 osx-arm64; do
  package="$work/feed/adamomentum.$rid.$version.nupkg"
  test -f "$package" || { echo "tool packages: no package for $rid"; ls "$work/feed"; exit 1; }
  size=$(stat -c %s "$package")
  (( size < limit )) || { echo "tool packages: $rid is $size bytes, over nuget.org's 250 MB"; exit 1; }
  natives=$(unzip -Z1 "$package" | grep -E '(torch_cpu|LibTorchSharp)\.(so|dll|dylib)$' | sed -E 's#.*/##' | sort -u | tr '\n' ' ')
  echo "tool packages: $rid $((size / 1000000)) MB, natives: $natives"
  case $rid in
    linux-x64) [[ $natives == *libtorch_cpu.so* && $natives != *.dll* && $natives != *.dylib* ]] ;;
    win-x64)   [[ $natives == *torch_cpu.dll* && $natives != *.so* && $natives != *.dylib* ]] ;;
    osx-arm64) [[ $natives == *libtorch_cpu.dylib* && $natives != *.so* && $natives != *.dll* ]] ;;
  esac || { echo "tool packages: $rid carries another platform's LibTorch, or lacks its own"; exit 1; }
done

# Installed as the README says (into a folder of its own rather than --global), then run: the trajectories load LibTorch.
dotnet tool install --tool-path "$work/tools" adamomentum --version "$version" --add-source "$work/feed" > "$work/install.log" 2>&1 \
  || { cat "$work/install.log"; echo "tool packages: install failed"; exit 1; }
"$work/tools/adamomentum" trajectories --out "$work/trajectories" > /dev/null
test -s "$work/trajectories/trajectory-beale.png" || { echo "tool packages: the installed tool drew nothing"; exit 1; }
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/adamomentum*/"$version"
echo "tool packages: installed and ran the linux-x64 tool"
