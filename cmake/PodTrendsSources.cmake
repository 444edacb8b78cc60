# Each module folder lists its sources by glob so that adding a scraper, provider or
# client is one new file, not an edit to a shared list (CONFIGURE_DEPENDS re-globs).
function(podtrends_glob_sources out dir)
    file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS
        ${dir}/*.cpp ${dir}/*.h)
    set(${out} ${_srcs} PARENT_SCOPE)
endfunction()
